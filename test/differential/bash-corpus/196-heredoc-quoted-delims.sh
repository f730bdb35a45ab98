v=VALUE
cat <<"END"
$v stays
END
cat <<\END
$v also stays
END
cat <<END
$v expands \$v escaped
END
