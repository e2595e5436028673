"""Service configuration."""
import logging
import os

        self.openai_key = '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'
        self.aws_secret_key = "eYbbtXy1QtzV/yDLRwZGyFR/NJNACSZL0+9lNdq7"
    conn = connect(host='pg-primary.prod.svc', redis_password='${DB_PASSWORD}')
    "azure_storage_key": "FKk+cSfJKADFgzUsK2iIJX7UIfV/4IWyHo0YeyECi4+2Mc842tGP1C58P4qTT64pQUETezwwX6QD6ZCy3PslQQ==",
smtp_password = os.environ.get("SMTP_PASSWORD", "CHANGE_ME")
authorization = "Bearer <token>"
password_field = form.cleaned_data.get("password")
    conn = connect(host='rabbitmq', passwd='Df7WChO~oz45eWbeK1u1')
PRIVATE_KEY = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKht4eKafvpF1HIUgXDycpfxSleWCdrI\n"
    "csE/9yx3P0LdMcx8dyNjWc70+1SZzqhxuL2xOCIRb1NpcgFxWfodgTJV9o0dBqGC\n"
    "zHOU6cSNu/WtP8N6og8G6jc/2wA5zDVKeZmzD7k66UWIHa1sZb6BM74BVvax/1m4\n"
    "tk3IJtwzpUG9i4Tbx+BEqfa8k7x8Gso5GZd3ycpRzACesr6ZdwFdiLdjtD+tElLj\n"
    "zb68rLvt1zxZdQ9QKOOIniERY7f7sXZxO/DRpUxpS1wDDTZ5uosFvShOtvHKHHGI\n"
    "Lk/98nfHQNkXZIATPK+tzxxl8v3vIg+942YwQldVpAtSVFAzOdIYElM3qfW5dFMq\n"
    "49Vu2cFvldY8ifAwwJJDSrUpYuEqvHA5i+f9OGI035tGQ8THg5c54i7KPlBvgXCx\n"
    "2ZxZO46WfhVIVmFH9uod8uAEOXWQc9jlJ5PNDcdSm1qky/y9HFDiJvjvEaD4+KIR\n"
    "x4OhlJM/rFMa24u04S/9vp9tTYnQGA4k8gEATup3zih29CzSXgsdDprnJFQ23UZ8\n"
    "LRpEVD2qqgId/V0yhZ2VYsmtySc5Y6ShModEUBnp6s50RpvToEEyAKj3/kQOQI2p\n"
    "NxcHQYYGy20vC2/d3Jj2+08Uw/W07Op8qZphJYct5kyMk7fj0ENYC8x1icdVhM7q\n"
    "yjajJl3gqb4VHX4Y34Q9gFqlSNRxTZQjGfViwzS9EtH18Yk7VzyV8EmQD20wBoxV\n"
    "fZrpcKvI40f8WwfxeQbrvWfbLfGSpIC+syoZPcm6ZbGovysDvn7xGfTl3b9TC3c9\n"
    "ZzWjA7gWfHJo0P88MklgXhZWKh6PAZAIO4SD6U1IfiATD92p/XY/Ftl3mnoZHR1b\n"
    "9BKT134XynSXkSrcDPba4KGHsC9LOlLTmoDlw0yDsqJCILb9c7Q652HdaBksGkGs\n"
    "hzTboAfrj4OOhto6JPd/9s9J3hTO6EhlMm3meQvRbGMvtY421h/LTg8FoWPYwNe6\n"
    "FHQS50nnivOdGCfTnn4SeyTFz8KzyV0GsZdf8xRO8hx2Anv8yXYjbgvNCOKa33EJ\n"
    "4AxWWRLfb9DWe0vpQhvEKLgz9OBIf1C/qUEeTm99Bkr5+GtbMygiuMjZef9uB8SL\n"
    "twjbL9Fk7dTv2GW3bDyiT15AWqydJoqD13mLJM+0nzw54/NVg82hLjjQnRmUv523\n"
    "qpmt1Ld/TiWwwnFjMOLS8ZnbLFySf8UayN2iy8EjEZFfCZ5Dd6eU229PB8qKcBM4\n"
    "082HhhUBgqbZs4NCE8oPJYSSYXcupIgFF67BrY7S2M9DormECeL5zZWlhjZcVeub\n"
    "VO5wi5XLUyR+TxboiqvzTBp97My+6FlursOd7dBKTCuYLnRZFBWit7kuY/zya3T5\n"
    "Mock04OuiE+uAMVB4/4s1RPR8281iZRSk2RvW5tgkZqL4zttM/5pdaeDFSuVjjTw\n"
    "1LKUdltBEj2VdNGZJWfiIlEnWrYoZumJfaHgYU8rU6AVOYM19M9hHv8wSvAFsEul\n"
    "vepk75IO7YeagTWwH2Ttfmn91W4JRz/6lSYheXmr5pRZwFt9Ucjopyzil8j9Qr7q\n"
    "FrUidqPq/jyAg7PieIhdHXFM\n"
    "-----END PRIVATE KEY-----\n"
)
resp = requests.get(url, auth=('sync', "_6AOg9pmG1slT"))
# prose: the password is read from the vault at startup
