echo "$(echo 'it''s' "a \"q\"")"
echo "$(echo "$(echo ')')")"
