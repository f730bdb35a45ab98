mkdir d && touch d/.h d/v
ls d
ls -A d
ls -a d
ls d/v d/.h
