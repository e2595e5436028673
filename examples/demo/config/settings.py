# Application settings. FAKE credentials planted for the ctxscan demo.
DEBUG = False
DATABASE_URL = "postgres://app:Xq7vLp2mWz9RkT4s@db.internal.example:5432/app"
AWS_ACCESS_KEY_ID = "AKIAQ7CTXSCAN2DEMO7Q"
AWS_SECRET_ACCESS_KEY = "FAKEhlXdScXQJblD3QBjSKh53Rgtd+2u3oPsh5R4"
STRIPE_API_KEY = "sk_live_FAKEStZsxnTSWsbCBpWUedoB"
