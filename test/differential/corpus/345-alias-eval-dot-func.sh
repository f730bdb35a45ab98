eval 'alias ev="echo from eval"
ev works'
printf 'alias dotted="echo from dot"\ndotted works\n' > lib.sh
. ./lib.sh
dotted again
f() { early in f; }
alias early='echo too late'
f 2>/dev/null; echo "function parsed before: $?"
g() { early; }
g
x=$(ev in substitution)
echo "$x"
