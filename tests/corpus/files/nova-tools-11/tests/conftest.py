"""Service configuration."""
import logging
import os

        self.repo_url = 'https://ghs_ikC1hTieNheCw52yLrfNh7SSIBVSJd2h93Oa@github.com/acme/quartz.git'
ALLOWED_HOSTS = ["api.internal", "localhost"]
access_token = os.getenv("ACCESS_TOKEN")
DEBUG = False
    'jenkins_api_token': '11bceac7ecf77a22a7b65eb9fe7f3998da',
        self.slack_webhook_url = 'https://hooks.slack.com/services/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'
circleci_token = "CCIPAT_giH429pF3d0eLZWZvt9sYJ_0c9b36650e01f78520112ada3290f11adce691c5"
api_token = os.environ.get("API_TOKEN", "d2b004ba-2148-4d25-92d9-7b5afe5c189a")
app_secret = os.environ.get("APP_SECRET", "8ad11b71-11f6-468a-9077-6439493ff33b")
