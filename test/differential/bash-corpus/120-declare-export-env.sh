export GREETING=hi
bash -c 'echo "child: $GREETING"'
LOCAL_ONLY=x
bash -c 'echo "child local: [$LOCAL_ONLY]"'
TEMP=val bash -c 'echo "prefix: $TEMP"'
