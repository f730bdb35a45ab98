mkdir -p t/a/b t/c; touch t/f1 t/a/f2 t/a/b/f3.txt t/c/g.txt
find t | sort
find t -type d | sort
find t -type f | sort
find t -name '*.txt' | sort
find t -name 'f*' -type f | sort
find . -name g.txt
