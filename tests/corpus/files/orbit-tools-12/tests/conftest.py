"""Service configuration."""
import logging
import os

        self.youtube_api_key = 'AIzamRZtv0gY84sKRyTAEIH7a4aT8ik15X8xNDu'
ALLOWED_HOSTS = ["api.internal", "localhost"]
integrity = os.getenv('INTEGRITY', 'sha512-8fK6uoGigJz0quwhQwIY/cbOLM0jB6e/ds/ZF/tCfctyK6bhgePeUT+sbgIZUPWD/mhxioNHM7NZtVrU6CzBRw==')
aws_secret_key = os.environ.get("AWS_SECRET_KEY", "xjnJvU4K0C7Xh9Dxpmwf2ukwig8SQ575i0qHHpvb")
    'runner_token': 'glrt-unZo7NqgdzVDaSIqn16K',
HMAC_SECRET = os.getenv("HMAC_SECRET")
teams_webhook_url = os.getenv("TEAMS_WEBHOOK_URL", "https://contoso44.webhook.office.com/webhookb2/1ad3da67-ac3a-4f22-b425-56f263524c5a@bb3b68f2-00f3-4ff3-8e66-b9b5bde809bb/IncomingWebhook/3b465a06e30a6cce4c03a5fcb777300c/81d42b73-2493-4ede-92c8-5960ce3d282a")
    'basic_auth': 'Basic YXBpOmRidGxiMm13',
        self.smtp_url = 'amqp://postgres:TyYI3eLVesqPr8@10.0.3.17:5672/mango'
firebase_api_key = 'AIzaO3bQc5EmfLEvxvsSLHvOmB5ffFl9ehEwexV'
password_field = form.cleaned_data.get("password")
