printf 'content\n' > src
cp src dst; cat dst
mkdir dir; cp src dir; ls dir
cp src dir/renamed; cat dir/renamed
cp nope x 2>/dev/null; echo "st $?"
printf 'new\n' > src; cp src dst; cat dst
