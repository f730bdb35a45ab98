mkdir -p r/a/b; touch r/x r/a/y r/a/b/z
ls -R r
