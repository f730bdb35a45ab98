mkdir -p d/x; touch d/x/y d/z
find d -type f -name y
find d/x
find nope 2>/dev/null; echo "st $?"
cd d && find . -type f | sort
