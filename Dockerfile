# mynode: one image, five containers (see docker-compose.yml).
#   docker build -t mynode .
#   docker run -e MYNODE_NODE_ID=mynode1 ... mynode
# The build stage runs the Maven wrapper; the runtime image holds only the distribution.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:25-jre
COPY --from=build /src/assembly/target/mynode /opt/mynode
# The configuration comes from the image's node.properties, overridden per container by
# MYNODE_* variables (MYNODE_NODE_ID, MYNODE_NODE_LISTEN, MYNODE_CLUSTER_PEERS, ...).
ENV MYNODE_DATA_DIR=/var/lib/mynode
VOLUME /var/lib/mynode
EXPOSE 9601 9602 9603 9604 9605
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/mynode/bin/mynode-server", "--config", "/opt/mynode/conf/node.properties"]
