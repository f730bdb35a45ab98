printf 'a\na\nb\nc\nc\nc\nd\n' > f
uniq f
uniq -c f
uniq -d f
uniq -u f
sort f | uniq | wc -l
