mkdir -p a/b
(cd a/b && ls ..)
ls
