echo visible
echo invisible >&2
echo x 1>&2 2>/dev/null
echo y 2>/dev/null 1>&2
echo end
