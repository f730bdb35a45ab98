r=$(case a in a) echo A;; b) echo B;; esac)
echo $r
s=$(case b in (a) echo A;; (b) echo B;; esac)
echo $s
