mkdir -p d/x d/y && touch d/x/f1 d/y/f2 d/z
ls d
ls -d d
ls d/x d/y
ls -d d/*
