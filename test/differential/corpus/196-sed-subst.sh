printf 'hello world\nfoo bar foo\n' > f
sed 's/o/0/' f
sed 's/o/0/g' f
sed 's/foo/[&]/g' f
sed 's|/|:|g' <<EOF
/a/b/c
EOF
sed -e 's/hello/bye/' -e 's/world/all/' f
sed 's/\(foo\) \(bar\)/\2 \1/' f
sed 's/o/O/2' f
