mkdir -p d/sub; touch .hidden visible d/x d/.y d/sub/z
echo *
echo .*[!.]*
echo d/*
echo */x
echo d/*/z
echo d/.*[!.]
echo "*"
echo [v]isible
