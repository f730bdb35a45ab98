case x in
  x) echo first;;
  x) echo second;;
esac
case z in a) echo a;; esac
echo "st $?"
case b in (a) echo a;; (b) echo b;; esac
case c in c) echo last-no-semis
esac
