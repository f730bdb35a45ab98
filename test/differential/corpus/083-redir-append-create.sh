echo x >> new
echo y >> new
cat new
: > empty
wc -c < empty
> bare
ls
