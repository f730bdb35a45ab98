PS3="pick: "
select opt in start stop quit; do
  case $opt in
    start|stop) echo "doing $opt" ;;
    quit) echo bye; break ;;
    *) echo "invalid $REPLY" ;;
  esac
done <<< $'1\n5\n2\n3' 2>/dev/null
