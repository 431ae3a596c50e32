# HerentQ app image: gunicorn on port 8000, as a non-root user. The same image runs
# the worker (`python manage.py run_worker`). Not built in CI: see README "Container".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=herentq.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media/public \
    PRIVATE_MEDIA_ROOT=/data/media/private

# Pango for WeasyPrint's PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
RUN SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/none ALLOWED_HOSTS=build \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app herentq \
    && mkdir -p /data/media/public /data/media/private \
    && chown -R herentq /data

USER herentq
EXPOSE 8000
# Ready = database, cache and file storage answer (herentq/readiness.py).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/readyz/', headers={'Host': os.environ['ALLOWED_HOSTS'].split(',')[0]}), timeout=4)"
CMD ["gunicorn", "herentq.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
