trap 'echo cleanup; rm -f tmpfile; ls' EXIT
touch tmpfile keep
ls
