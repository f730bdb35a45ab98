re='^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$'
for e in user@example.com bad@ x.y@host.org; do
  [[ $e =~ $re ]] && echo "ok $e" || echo "bad $e"
done
