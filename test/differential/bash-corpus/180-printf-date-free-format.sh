printf '%s\n' "$(printf '%02d:%02d:%02d' 5 7 9)"
secs=3725
printf '%dh %02dm %02ds\n' $((secs/3600)) $((secs%3600/60)) $((secs%60))
