exec 6<<EOT
from a here-document
EOT
sh -c 'cat <&6'
exec 7<<-EOT
	stripped $((1 + 2))
	EOT
cat <&7
