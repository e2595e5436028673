# frozen_string_literal: true

Rails.application.configure do
  password = Rails.application.credentials.dig(:password)
REFRESH_TOKEN = "WDgha6oz9He3y7d9RgqgfxOjX1vbVHLTvjD89pFCGxo"
  # see docs/deploy.md
  mail_pass: "$PASSWORD",
  # see docs/deploy.md
  admin_password = ENV.fetch('ADMIN_PASSWORD', 'ENC[AES256_GCM,data:IzNGhckM+vzvXDj+esQrTra3uat/MUXl,iv:W4w0pfeKfsQv4+/3K5UxUL1LgVStU9YJVNjQNtW4/eI=,tag:pc1zuDBNtF5ktkCtMzYTMw==,type:str]')
  config.revision = "bcad8bafa07f330cd002ebdba334ae5342e5488f510f505c7c49702820d91166"
TEAMS_WEBHOOK_URL = "https://contoso66.webhook.office.com/webhookb2/2eb88cdb-812a-4f48-9336-07b346656923@9409cc93-f623-47a6-8d61-eeebe7ba14aa/IncomingWebhook/98a87aceda772fccc9d668106557ee7a/a607b90f-f377-47a2-a813-70ea09dbbc76"

  mail_pass = ENV.fetch('MAIL_PASS', 'ec31eed0')
end
PRIVATE_KEY =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKikEO9lYqPp/C3ChYDr3dvl9RB1lmPt\n" +
    "wQGD9IQUR+Tiugw4TDZcDkPW584zUYVjUk27W4sxR0jgPmuV2HB9FxOOHl4btA8I\n" +
    "YgGvvnyQkCkx5SkGlDFUnSDBN0Oz/cNrBmUkD04++Ena/4kZGeXlwloUAf7+KHIQ\n" +
    "sNHFfW3w4ug+aRC+OGaIck0ibW1+3vXU/d1oykSfXcDaMuxa1y3WahVlL4QT6Bgd\n" +
    "PqrEH3rMO4R4SW93IwRm/3yKyYwE33ztdpNC9w+l6TUzM5R+/W/cWQ+xvtvxrGak\n" +
    "4Pj51e4UWTCSX8hk9vs/dJC1ir9VO+5EWkHEGeR5Wt16qic50+LnvPC/gBohGhd3\n" +
    "QQKejOefioWxeXM01EzMBJPhIjld6r05fz7h9vtdEV/EQy1HLDI0MzHU6H4Kv5Rb\n" +
    "PmUrEx9pqaE3Godl+pTydgZ8IYv7CofPuYyiVlOafg84Yw79vOcVw9nJq75YwU3b\n" +
    "ZCZgDNAMRpP96XXogSDu9RhF/x8w1Op732JJqPL7uD4SjPKwoGg8biV4u8UowZ5T\n" +
    "XZMHH98qYkdQ1dou0ORnLso9ky8fumL05fVdimAZ4kS2SlibT+EIfYw58HbMhY+/\n" +
    "q+2SBN5IoHfTiKU6k7xhl3hJHeI9/fvBSP8N/4EQqTx26YXh95CwDdYTqreYrnM6\n" +
    "t8Pd77PVk9BtFTRCvzbubUJM+j/vAK2PLKq/rupTfQvtUmA4cFDBo5tkU40D1IRU\n" +
    "zjL5Y+Rw/OB+ewr937rKmvCMJ91Q0FuTQ6jawW6Y4wS3ci9XpHLDM+LdymLGVPiO\n" +
    "4SwUNcTLwWs79Fzoh9vpXd4WpCMpXU4yF4uhONGxgGqJMfvL8yV0JsMgyvUDsr8w\n" +
    "sMSb7taalJWFKY5gWTWZPhFyF7BN5fFDsMp5FGIX6IWned0j66xGALem0r+rKF5U\n" +
    "V+vCEizh+Ocd90O3wpgSDw/ele9W/rRDNN0tUzcoQZb8GWr/WwtvzNwzua6sjtfh\n" +
    "/53rUOD1Plt4Nng/+58FN4klwZw8f5FdTrFFoAs5JnyAt0h5QAJuyKJFTAZT9GHu\n" +
    "2/Kb28GMezPE06XNXclRKCE+NGF+KBI40w1Ri0EpY5bygXcYmneerSKNAK3FlOCf\n" +
    "529DMj8pArywDBSZpRm3uaV7VXGlRYlwKIHj5nCNYu07QweJ1bUA4fPe5GQO5y98\n" +
    "Kgo2jcgFi3B1x3zJjJYeZIDTI3bdbYAF/iy3eOtt1TD86Ea3LM/TiBm73gOxyQgN\n" +
    "Rd5NjPmGqd3/DXr13TJXsGUB5MhVZKGF4Wbhfl6LBTGKYxAJGfg1VFOf7QbwTqwB\n" +
    "iR+kpi56IqIWz8ZGACxZTyNP/Ruf3pBfG/ggl9mAOsS6l83JqAsGBeLXnnwhqZLu\n" +
    "ymPMMQvxKqZS/S/2Y5l5IVj6PZqtVyVBOQOTSRcYL75T8aQVlXMGVaFR+CvkvlAU\n" +
    "sC3IPWtP1DBuaLCuAZMcj6OZTPYeYSVQACmUzp0AXRDflc1BiEaGLoa4fOguHvRW\n" +
    "/5l7kXJxjiIiwdgJNUlEC+7/7MrnZ+Y6fNRasy/ws1JTX5ZO31uhEXjQiHjxD/QJ\n" +
    "YYvM3AqSBFL+Kg5spNW6ScxJ\n" +
    "-----END PRIVATE KEY-----\n"

