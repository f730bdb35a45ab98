mkdir d && cd d
touch Zeta alpha Beta 10 2 _u
ls
ls -r
