echo
echo a b   c
echo "a b   c"
echo -n no-newline; echo
echo --
echo -n; echo end
/bin/echo external works
