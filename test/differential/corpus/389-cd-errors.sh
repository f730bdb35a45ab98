cd /nonexistent-dir-xyz 2>/dev/null; echo "missing: $?"
touch notadir
cd notadir 2>/dev/null; echo "not a dir: $?"
echo "still in $(basename "$PWD")"
OLDPWD=; export OLDPWD
mkdir -p sub
CDPATH=. cd sub >/dev/null; basename "$PWD"
