umask 027
mkdir d; touch f; : > g; echo x >> h; mkfifo p
stat -c '%a %n' d f g h p
(umask 077; mkdir e; touch e/i; stat -c '%a %n' e e/i)
umask; sh -c umask
mkdir -m 755 m; stat -c '%a %n' m
umask 022; touch t; chmod 000 t; chmod +w t; stat -c '%a %n' t; chmod =rx t; stat -c '%a %n' t; chmod a+w t; stat -c '%a %n' t
cp t u; stat -c '%a %n' u
chmod 664 u; chmod -w u 2>&1; echo "chmod $?"; stat -c '%a %n' u
