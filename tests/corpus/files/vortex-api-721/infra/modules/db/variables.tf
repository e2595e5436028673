provider "aws" {
  region = "eu-west-1"
  authorization = "Bearer ${API_TOKEN}"
  aws_secret_key = "Aai5Nl0Wkc948begn6aGEBFx7RlrKqnwjmjkUnbC"
  access_token = "RSCsJFB+NwZU+C7/25Iqaj7SYOTNjAe4tTfFBrenRIQ="
  rubygems_api_key = "rubygems_b14cadea1882307425eff4b08dc2e7e7bf38dd1a77f2ffa4"
  stripe_webhook_secret = "whsec_L9XPMD9a9DPH8FrYs3pmdCVwkN4VRlrf"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  aws_secret_access_key = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY"
  content_hash = "67c002a86577253d54f939d0e66b8cb4"
  encrypted_data = "AgBJuyi54KLfiyqAPpwzof9PcBj4dvjWddp4Dy8JQoHSIaVhI8SFmvdoo7N162tL+Dq7Byh/vrQ/ac5C1Jgm9fTdyrSk9c9ds8o4Ibb4G7wc6h/WQSCW5flYt1ePaNEoMjjfYhyGHwnbsGyi0yqbKYJ7z0O1X7trvb1ID/gRNo6oJk7GfwJC08rT1ktlNr6o6fICNh/dWtjKlPe/mB++dNdgxz7HZR+wIqg4qS5Sj7+cmnqPB0H"
}
