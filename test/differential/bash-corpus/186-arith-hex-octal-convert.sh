printf '%d\n' 0xff
printf '%x %X %o\n' 255 255 8
echo $((16#ff)) $((8#17)) $((36#z))
n=255; printf '%08d\n' "$(echo "obase=2; $n" | bc 2>/dev/null || echo 11111111)"
