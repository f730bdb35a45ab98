mkdir a b
cd a
cd ../b
cd - >/dev/null
basename "$PWD"
basename "$OLDPWD"
