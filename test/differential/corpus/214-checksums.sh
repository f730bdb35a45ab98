printf 'abc' > f
md5sum f
sha256sum f
printf '' | md5sum
printf 'abc' | sha256sum
md5sum f f
