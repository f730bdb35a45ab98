mkdir -p a/b
printf 'data\n' > a/b/file
cp -r a c
mv c/b c/renamed
find a c -type f | sort
cmp a/b/file c/renamed/file && echo same
rm -r a c
ls
