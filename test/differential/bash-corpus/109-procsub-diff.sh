printf 'a\nb\nc\n' > one
printf 'a\nc\nd\n' > two
comm -12 <(sort one) <(sort two)
cat <(echo left) <(echo right)
