printf 'hello' | base64
printf 'hello world, this is a longer line for wrapping purposes only ok' | base64
printf 'aGVsbG8=' | base64 -d; echo
printf '' | base64
printf 'ab' > f; base64 f
