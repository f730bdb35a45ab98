for i in a b c; do echo $i; done
for i in; do echo never; done
echo "after $i"
set -- x y
for i; do echo "pos $i"; done
for i in 1 2
do
  echo "line $i"
done
