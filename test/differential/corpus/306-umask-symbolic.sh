umask 027
umask
umask -S
umask u=rwx,g=rx,o=
umask
umask g-x
umask
umask o+r
umask -S
(umask 077; umask)
umask
umask 888 2>/dev/null; echo "bad octal: $?"
