printf 'one\ntwo\nthree\nfour\n' > f
sed -n '2,$p' f
sed '1,2!d' f
sed 's/[aeiou]//g' f
sed -n '/o/p' f
sed '/two/,/three/s/^/> /' f
sed 's/o\{1,\}/0/' f
sed -e '$d' -e 's/e/E/g' f
