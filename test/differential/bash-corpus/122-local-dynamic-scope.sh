outer() { local v=outer; inner; echo "outer sees $v"; }
inner() { v=modified; }
outer
echo "global v=[${v-unset}]"
