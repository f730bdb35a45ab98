unset x
for w in ${x:-a b}; do echo "[$w]"; done
for w in "${x:-a b}"; do echo "[$w]"; done
y='*'
mkdir g; touch g/f
cd g
echo ${x:-$y} "${x:-$y}"
