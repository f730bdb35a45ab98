seq 1 6 > n
sed -n '2p' n
sed -n '2,4p' n
sed '3d' n
sed '2,5d' n
sed -n '$p' n
sed -n '/3/,/5/p' n
sed '/^[24]$/d' n
sed -n 's/1/one/p' n
