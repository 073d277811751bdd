FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY src ./src
COPY migrations ./migrations
RUN pip install --no-cache-dir .
ENV NEWSDEDUP_DATABASE_URL=sqlite:////data/newsdedup.sqlite3
EXPOSE 8000
CMD ["sh", "-c", "newsdedup db upgrade && newsdedup serve --host 0.0.0.0 --port 8000 --workers ${WORKERS:-2}"]
