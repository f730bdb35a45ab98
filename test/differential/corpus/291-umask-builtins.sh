umask 022; umask; umask -S
umask 077; umask
umask u=rwx,g=rx,o=; umask
hash 2>/dev/null; echo "hash $?"
command -v umask; command -v hash; command -v times
times > /dev/null; echo "times $?"
