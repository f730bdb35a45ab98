cat > lib.sh <<'EOT'
echo "lib start"
alias libcmd='echo from lib alias'
libcmd first
EOT
. ./lib.sh
libcmd after dot
unalias libcmd
eval 'alias t1="echo t1"; t1 same' 2>/dev/null; echo "status $?"
t1 next
