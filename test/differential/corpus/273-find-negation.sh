mkdir -p s/t; touch s/a.c s/b.h s/t/c.c
find s ! -name '*.c' -type f
find s -type f ! -name '*.h' | sort
find s -name '*.c' -o -name '*.h' | sort
