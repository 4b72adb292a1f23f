FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install . \
    && DEBUG=1 python manage.py compilemessages --verbosity 0 \
    && DEBUG=1 python manage.py collectstatic --noinput --verbosity 0 \
    && DEBUG=1 python manage.py build_gazetteer

USER nobody
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn directory.wsgi"]
