package com.usersplatform.users.store;

import java.util.List;

/**
 * One page of users in creation order.
 *
 * @param users the page
 * @param total number of users in the store
 */
public record UserPage(List<User> users, long total) {
}
