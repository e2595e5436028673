"""Service configuration."""
import logging
import os

rabbitmq_pass = 'xjbt93'
slack_bot_token = os.environ.get("SLACK_BOT_TOKEN", "xoxb-29292109503-7487371538469-15M5382FBokZFfq26qlMiTPN")
CLIENT_SECRET = cfg.get('db', 'client_secret')
MAX_RETRIES = 5
auth_token = 'd4f526f4-741d-46c2-a2bf-0614bb01da2a'
slack_webhook_url = os.getenv('SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/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')
        self.mailgun_key = 'key-57922473183c6ce701c6743efab43c31'
    "master_key": "<your-token>",
authorization = os.environ.get('AUTHORIZATION', 'Basic <base64(user:password)>')
        self.password = 'da5c6cf5'
ALLOWED_HOSTS = ["api.internal", "localhost"]
    conn = connect(host='rabbitmq', github_token="ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
# Keep in sync with deploy/values.yaml
PRIVATE_KEY = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKiPkOeIUat0OI1jlEcgyi8VCBACRLfx\n"
    "cJ6AHWp+6LtfmWQ0AeRjRliXEBy+DXhdmzaRRYdh3jSDL77A5tu5eGWvcUmnvQ6G\n"
    "itYV0Q93aAnL8o6MNsKY4gWQmuECVZ6wHmvQ55oI+S6v4i4GChc+xVk+N5F/A5rg\n"
    "VUWGV1BtH/HgUhbsmZdkJ+9nJl6zzspPDWuWF8n+x33lcceyAD1I6WvX1COqhY/p\n"
    "nqNguowfUVL/FcfrtawsNx0zzzXJsxDdb4z/abYWm+3hHaqQJW9uuo6OHLrLnDUk\n"
    "qx6nja4IGIdzZdqbP0UGWlPPI8ZUUbQC/umBjOGqdCIMd1Y/yqF9ucEsPzcS63eB\n"
    "xVV0hYgMxfK8iXw8h+X5Y9SEmgvq5JqaceqIxJ33Q7Yd19ISEAcGOVvRNqZQlt9o\n"
    "zwPy1n2F96FhoP0OK4imCTvqtqb/VJcYiLbf4gT11OB2uKI5QdsTkITwPEZS20R2\n"
    "6ht+aVGNBMcbYbMS2421n8Q5/onMqSQzhWqot3i3iptVSeUb3UDdpkkRqbtnzHyq\n"
    "nA0YYl86qlFh3zaA22bEpDWo/tVm9EWeC3ltJHZb6OSJxzgTmYVhE3FRTnAxxDY3\n"
    "AQ0Lp9QC9GILNkORVwSq+GWclmqNvecqTAurGwkJdf3Khj6kul5QMbWHDNJkGBQ1\n"
    "cSp15BmadTh63GvRmesdEr/YXJEEqfX68o/RifOYwLAo1UeTI0mNA2ag2PwTrkV/\n"
    "bbudqgIggBsV1nayXbVQz7h1nr+RCvq5d0Wqb8JWimoJxgpHxqeNQbLuW20kl6hT\n"
    "Q+7B2Yt1g8pcRM4Q2wLi2ArLOcG3DjhLAv629Arm++G4JsEC1tIZEcjjQ1S9D52g\n"
    "cqsbXf/swDQ09zOV0Tb3l0KO/0EurrhJ6+mJYdTDl3mLAPrj/SUutedums472u4z\n"
    "Ckts2uSntwhZDl52YBH/DBkRzF4hyBO17tHXkv4HC4hg4CqayDe1NoMulMbKnYP9\n"
    "kbMC1LlDXJxiSV5ZW2+cQAl+n/xOyD2lUdYHIksgzZ8YY9TlmHwM/ESotMe119ud\n"
    "MvvXaHipzkLaLqBxDTQ1XVhKbcZaC1KeSirew4BOzdjSycliKNlPKpYP2vDsntWL\n"
    "wfQXUDzxB7Z089FWhbnGNSFbE/YFCrRsK3i5pYg4W+tBCZZv8k1XBZXHM3bMUT2H\n"
    "0BdwS3EBPuPzgVE1zo8gF+2V8CEVAwKy4W5GLgs2bp6BBuu0ct/ltsuGpMHLsSIf\n"
    "dZyComGakpl9ibDNQoEo4/aeRWcAADDXe9cLbeDDptEJJnS9Qgwl5GcnHvDwrJYp\n"
    "aUc1sLNnrsF20EbHRzT60mr3Ljf6aNQjHqBl1CS/jjO3X230ECBK7QxDYXq5ZjqA\n"
    "IBJVj/g6MyXlvxEMfw42frhCL9izu4eYpMy5gIYv5LyobuMnxkS0e33B1gkDhc+f\n"
    "IM4dLraPAJKP164PtFuO2eU4yvpgwL/ys8zMXLVnt300emlnxMtkYhuGRZwR62oI\n"
    "UKxWr00ihLK/U22yukxIhIQCgwMTcVo9JXdL9MNikhhLwTkl5MIyD7uIbaE7PArN\n"
    "tpp0EeYXfzvQoOcEjl17FF9h\n"
    "-----END PRIVATE KEY-----\n"
)
# prose: the password is read from the vault at startup
