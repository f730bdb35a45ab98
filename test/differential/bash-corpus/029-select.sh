select c in red green blue; do echo "chose $c ($REPLY)"; break; done 2>/dev/null <<< 2
select c in a b; do echo "[$c] $REPLY"; [ "$REPLY" = 1 ] && break; done 2>/dev/null <<< $'9\n1'
