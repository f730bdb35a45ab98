for w in yes Y no n maybe; do
  case $w in
    y|Y|yes) echo "$w -> yes";;
    n|N|no) echo "$w -> no";;
    *) echo "$w -> ?";;
  esac
done
